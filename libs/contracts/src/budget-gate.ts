/** Enums and labels of the budget-gate module, shared by the API and the SPA. */
export {};
