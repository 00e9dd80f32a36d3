# Multi-stage build for docker-compose.yml: one build stage, an API image and an nginx image for the SPA.
FROM node:20-bookworm-slim AS build
WORKDIR /app
RUN npm install -g pnpm@12.21.0
COPY . .
RUN pnpm install --frozen-lockfile && pnpm build && pnpm --filter @jixiao/api deploy --prod /out/api

FROM node:20-bookworm-slim AS api
WORKDIR /app
ENV NODE_ENV=production
COPY --from=build /out/api /app
COPY --from=build /app/apps/web/dist /app/web
ENV WEB_DIST=/app/web
# Where docker-compose keeps the audit checkpoints' copy outside the database (AUDIT_CHECKPOINT_FILE).
RUN mkdir -p /var/lib/jixiao-audit && chown node:node /var/lib/jixiao-audit
EXPOSE 3000
USER node
CMD ["node", "dist/main.js"]

FROM nginx:1.27-alpine AS web
COPY --from=build /app/apps/web/dist /usr/share/nginx/html
# The config is a template: its body limit comes from UPLOAD_LIMIT_BYTES / BODY_LIMIT_BYTES, the API's settings.
COPY deploy/nginx.conf.template /etc/nginx/templates/default.conf.template
COPY deploy/12-jixiao-body-limit.envsh /docker-entrypoint.d/12-jixiao-body-limit.envsh
RUN chmod 755 /docker-entrypoint.d/12-jixiao-body-limit.envsh
