/** `lienthong sandbox` puts each simulator where the default configuration says its upstream is. */
import { adapterIds } from '../../../adapters/registry';
import { DEFAULT_CONFIG_DIR, loadConfig } from '../../../config/loader';
import { sandboxPort } from './adapters';

describe('sandbox ports', () => {
  it('gives every adapter its own configured port on 127.0.0.1', () => {
    const config = loadConfig(DEFAULT_CONFIG_DIR, {});
    const ports = adapterIds().map((id) => sandboxPort(config.upstreams[id]?.baseUrl, id));
    expect(new Set(ports).size).toBe(adapterIds().length);
    expect(ports.every((p) => p > 1024 && p < 65536)).toBe(true);
  });

  it('follows LIENTHONG_UPSTREAM_<ID>', () => {
    const config = loadConfig(DEFAULT_CONFIG_DIR, { LIENTHONG_UPSTREAM_TAX: 'http://127.0.0.1:9555' });
    expect(sandboxPort(config.upstreams.tax.baseUrl, 'tax')).toBe(9555);
  });

  it('refuses an upstream that is not a port on this machine, saying what to set', () => {
    expect(() => sandboxPort('https://api.gdt.gov.vn', 'tax')).toThrow(
      /LIENTHONG_UPSTREAM_TAX=http:\/\/127\.0\.0\.1:<port>/,
    );
    expect(() => sandboxPort(undefined, 'tax')).toThrow(/--free-ports/);
  });
});
