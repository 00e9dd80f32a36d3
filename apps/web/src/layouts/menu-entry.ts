import type { Component } from 'vue';

/** The sidebar: leaves name routes (their title and permission come from the route's meta). */
export interface MenuEntry {
  route?: string;
  /** Groups only. */
  key?: string;
  title?: string;
  icon?: Component;
  children?: MenuEntry[];
}
