/**
 * Old district codes (abolished 1 July 2025) of the Hà Nội communes the simulated one-stop system's applicants
 * live in. The legacy catalogue shipped in contracts/ has no districts, so this table is taken from the GSO list
 * of administrative units before the reform (as published in open data: the Hà Nội wards table of a public MySQL
 * dump of the vietnamese-provinces-database, code → district code); only the communes used here are listed.
 * An applicant whose legacy commune is not listed is not used by the simulator.
 */

export interface LegacyDistrict {
  code: string;
  name: string;
  communes: readonly string[];
}

export const HANOI_DISTRICTS: readonly LegacyDistrict[] = [
  {
    code: '001',
    name: 'Quận Ba Đình',
    communes: ['00006', '00007', '00016', '00019', '00022', '00025', '00028', '00031', '00034'],
  },
  { code: '002', name: 'Quận Hoàn Kiếm', communes: ['00073'] },
  {
    code: '006',
    name: 'Quận Đống Đa',
    communes: ['00178', '00196', '00199', '00202', '00205', '00226'],
  },
  {
    code: '008',
    name: 'Quận Hoàng Mai',
    communes: ['00307', '00316', '00325', '00331', '00334', '00337', '00340'],
  },
  { code: '009', name: 'Quận Thanh Xuân', communes: ['00367', '00373'] },
  { code: '020', name: 'Huyện Thanh Trì', communes: ['00643', '00655'] },
  { code: '021', name: 'Quận Bắc Từ Liêm', communes: ['00595', '00598', '00607', '00617'] },
  { code: '273', name: 'Huyện Đan Phượng', communes: ['09796', '09802', '09805', '09817', '09820'] },
  { code: '278', name: 'Huyện Thanh Oai', communes: ['10129', '10150'] },
  { code: '281', name: 'Huyện Ứng Hòa', communes: ['10354', '10378', '10384', '10393'] },
  { code: '282', name: 'Huyện Mỹ Đức', communes: ['10483', '10489', '10492', '10495'] },
];

const byCommune = new Map<string, LegacyDistrict>();
for (const d of HANOI_DISTRICTS) for (const c of d.communes) byCommune.set(c, d);

/** The old district of a legacy Hà Nội commune code, when the table lists it. */
export const districtOf = (legacyCommuneCode: string): LegacyDistrict | undefined =>
  byCommune.get(legacyCommuneCode);
