import ElementPlus from 'element-plus';
import 'element-plus/dist/index.css';
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
app.use(ElementPlus);
app.directive('access', vAccess);

const router = createAppRouter();
installSessionHandlers(router);
app.use(router);

document.documentElement.lang = currentLocale();
void router.isReady().then(() => app.mount('#app'));
