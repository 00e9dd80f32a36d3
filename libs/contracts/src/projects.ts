/** Enums and labels of the projects module, shared by the API and the SPA. */
export {};
