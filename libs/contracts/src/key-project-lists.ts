/** Enums and labels of the key-project-lists module, shared by the API and the SPA. */
export {};
