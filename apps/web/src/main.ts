// Element Plus is imported on demand (vite.config.ts); its base variables, and the styles of the
// services called from code rather than used as tags (messages, message boxes), load here.
import 'element-plus/es/components/base/style/css';
import 'element-plus/es/components/message/style/css';
import 'element-plus/es/components/message-box/style/css';
import { createPinia } from 'pinia';
import { createApp } from 'vue';
import App from './App.vue';
import { vAccess } from './directives/access';
import { currentLocale, i18n } from './locales';
import { createAppRouter } from './router';
import { installSessionHandlers } from './session';
import './styles/index.css';

const app = createApp(App);
const pinia = createPinia();
app.use(pinia);
app.use(i18n);
app.directive('access', vAccess);

const router = createAppRouter();
installSessionHandlers(router);
app.use(router);

document.documentElement.lang = currentLocale();
void router.isReady().then(() => app.mount('#app'));
