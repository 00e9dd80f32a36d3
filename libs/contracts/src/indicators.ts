/** Enums and labels of the indicators module, shared by the API and the SPA. */
export {};
