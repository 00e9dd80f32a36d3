/** A label in both languages the product speaks; zh-CN first. */
export interface Label {
  zh: string;
  en: string;
}

/** An enum value with its labels, for selects and tags in the SPA and for documentation. */
export interface LabelledValue<T extends string = string> extends Label {
  value: T;
}

export function labelled<T extends string>(labels: Record<T, Label>): LabelledValue<T>[] {
  return (Object.keys(labels) as T[]).map((value) => ({ value, ...labels[value] }));
}
