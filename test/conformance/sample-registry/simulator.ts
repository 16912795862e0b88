/**
 * The sample registry's simulator: its dialect, OAuth 2.0 client credentials, duplicates refused by
 * X-Request-Id (409 TRUNG_YEU_CAU, without the first answer), and two plantable bugs of its own — it may
 * skip authentication, or answer with a field its spec does not allow.
 */
import { join } from 'node:path';
import { createSimulator, type Simulator, type SimulatorOptions } from '../../../adapters/sdk';

export interface SimulatorBugs {
  skipAuth?: boolean;
  breakSpec?: boolean;
}

const PEOPLE: Record<string, { ho_ten: string; ngay_sinh: string; gioi_tinh: 1 | 2 }> = {
  '001099012345': { ho_ten: 'Nguyễn Văn Nam', ngay_sinh: '05-03-1999', gioi_tinh: 1 },
  '079303000123': { ho_ten: 'Trần Thị Hoa', ngay_sinh: '21-11-2003', gioi_tinh: 2 },
  '001090000001': { ho_ten: 'Le Van An', ngay_sinh: '01-02-1990', gioi_tinh: 1 },
};

export function sampleRegistrySimulator(bugs: SimulatorBugs = {}) {
  return (opts: SimulatorOptions = {}): Simulator => {
    const byRequestId = new Set<string>();
    let next = 0;
    return createSimulator(
      {
        id: 'sample-registry',
        protocol: 'rest',
        openapi: join(__dirname, 'openapi.yaml'),
        auth: bugs.skipAuth ? undefined : { kind: 'oauth2-client-credentials', tokenPath: '/oauth/token' },
        resetData: () => byRequestId.clear(),
        routes(app, kit) {
          app.get('/api/ping', (_req, res) => kit.reply(res, 200, { trang_thai: 'OK' }));
          app.get('/api/cong-dan/:id', (req, res) => {
            const id = String(req.params.id);
            const p = PEOPLE[id];
            if (!p)
              return kit.reply(res, 404, { ma_loi: 'KHONG_TIM_THAY', thong_diep: 'Không tìm thấy công dân' });
            kit.reply(res, 200, {
              so_dinh_danh: id,
              ...p,
              ...(bugs.breakSpec ? { ghi_chu_noi_bo: 'x' } : {}),
            });
          });
          app.post('/api/dang-ky', (req, res) => {
            // This upstream knows no Idempotency-Key: it refuses a request id it has seen, without the answer.
            const requestId = req.header('x-request-id') ?? '';
            if (byRequestId.has(requestId))
              return kit.reply(res, 409, { ma_loi: 'TRUNG_YEU_CAU', thong_diep: 'Yêu cầu đã được xử lý' });
            byRequestId.add(requestId);
            kit.effects.set('dang-ky', (kit.effects.get('dang-ky') ?? 0) + 1);
            kit.reply(res, 201, { so_dang_ky: `DK-${++next}`, ngay_dang_ky: '07-12-2026' });
          });
        },
      },
      opts,
    );
  };
}
