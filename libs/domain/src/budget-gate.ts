/** Pure rules of the budget-gate module. */
export {};
