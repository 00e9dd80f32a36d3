import { watch, type Directive, type WatchStopHandle } from 'vue';
import type { Permission } from '@jixiao/contracts';
import { useAuthStore } from '@/stores/auth';

export type AccessValue = Permission | Permission[] | undefined;

interface AccessState {
  value: AccessValue;
  display: string;
  stop: WatchStopHandle;
}

const states = new WeakMap<HTMLElement, AccessState>();

function show(el: HTMLElement, state: AccessState, allowed: boolean): void {
  if (allowed) {
    if (el.dataset.access === 'denied') {
      el.style.display = state.display;
      delete el.dataset.access;
    }
  } else if (el.dataset.access !== 'denied') {
    state.display = el.style.display;
    el.style.display = 'none';
    el.dataset.access = 'denied';
  }
}

/**
 * `v-access="Permission.UserManage"` (or a list: any one suffices) hides the element while the
 * signed-in user lacks the permission, and shows it again when permissions change.
 * The server checks every request anyway; this only keeps the page honest.
 */
export const vAccess: Directive<HTMLElement, AccessValue> = {
  mounted(el, binding) {
    const auth = useAuthStore();
    const state: AccessState = { value: binding.value, display: '', stop: () => undefined };
    states.set(el, state);
    state.stop = watch(
      () => auth.hasPermission(state.value),
      (allowed) => show(el, state, allowed),
      { immediate: true, flush: 'sync' },
    );
  },
  updated(el, binding) {
    const state = states.get(el);
    if (!state) return;
    state.value = binding.value;
    show(el, state, useAuthStore().hasPermission(binding.value));
  },
  unmounted(el) {
    states.get(el)?.stop();
    states.delete(el);
  },
};

/** For `v-if` where hiding is not enough (table columns, whole sections). */
export function useAccess() {
  const auth = useAuthStore();
  return { can: (required: AccessValue) => auth.hasPermission(required) };
}
