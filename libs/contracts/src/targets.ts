/** Enums and labels of the targets module, shared by the API and the SPA. */
export {};
