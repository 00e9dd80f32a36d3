/** Enums and labels of the pre-assessments module, shared by the API and the SPA. */
export {};
