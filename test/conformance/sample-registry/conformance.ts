/** The sample registry's conformance spec: examples with their canonical answers; bugs may be planted. */
import { example, type ConformanceSpec } from '../../../adapters/sdk/conformance';
import { sampleRegistry, type Bugs } from './adapter';
import { sampleRegistrySimulator, type SimulatorBugs } from './simulator';

export interface SpecBugs extends Bugs, SimulatorBugs {
  /** Only the ASCII-named person as an example: the fault checks cannot see a legacy encoding. */
  asciiExamplesOnly?: boolean;
}

let n = 0;
export function sampleRegistryConformance(bugs: SpecBugs = {}): ConformanceSpec {
  const ascii = example(
    { personalId: '001090000001' },
    { fullName: 'Le Van An', dateOfBirth: '1990-02-01', sex: 'male' },
  );
  return {
    adapter: sampleRegistry(bugs) as ConformanceSpec['adapter'],
    simulator: sampleRegistrySimulator(bugs),
    examples: {
      'person/v1': bugs.asciiExamplesOnly
        ? [ascii]
        : [
            example(
              { personalId: '001099012345' },
              {
                personalId: '001099012345',
                fullName: 'Nguyễn Văn Nam',
                dateOfBirth: '1999-03-05',
                sex: 'male',
              },
            ),
            example(
              { personalId: '079303000123' },
              { fullName: 'Trần Thị Hoa', dateOfBirth: '2003-11-21', sex: 'female' },
            ),
            ascii,
          ],
      'register/v1': [
        example(() => ({ personalId: '001099012345', note: `ghi chú ${++n}` }), {
          registeredOn: '2026-12-07',
        }),
      ],
    },
    refusals: [
      {
        service: 'person/v1',
        input: { personalId: '001099999999' },
        notFound: true,
        upstreamCode: 'KHONG_TIM_THAY',
      },
    ],
  };
}
