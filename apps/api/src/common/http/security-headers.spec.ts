import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadConfig } from '../../config/app-config';
import { CONTENT_SECURITY_POLICY } from './security-headers';

const deploy = join(__dirname, '..', '..', '..', '..', '..', 'deploy');

describe('the nginx front (deploy/)', () => {
  const template = readFileSync(join(deploy, 'nginx.conf.template'), 'utf8');

  it('sends the API’s Content-Security-Policy with the SPA it serves', () => {
    const sent = /add_header Content-Security-Policy "([^"]+)" always;/.exec(template)?.[1];
    expect(sent).toBe(CONTENT_SECURITY_POLICY);
  });

  it('takes its body limit from the API’s settings, not a number of its own', () => {
    expect(template).toMatch(/client_max_body_size \$\{JIXIAO_MAX_BODY_BYTES\};/);
    expect(template).not.toMatch(/client_max_body_size \d/);
    const envsh = readFileSync(join(deploy, '12-jixiao-body-limit.envsh'), 'utf8');
    const sum = /JIXIAO_MAX_BODY_BYTES=\$\(\( \$\{UPLOAD_LIMIT_BYTES:-(\d+)\} \+ \$\{BODY_LIMIT_BYTES:-(\d+)\} \)\)/.exec(envsh);
    // Its defaults are the API's defaults.
    const defaults = loadConfig({ NODE_ENV: 'test' });
    expect(sum?.slice(1).map(Number)).toEqual([defaults.uploadLimitBytes, defaults.bodyLimitBytes]);
  });
});
