import type { Command } from '../command.js';
import { info } from './info.js';
import { download } from './download.js';
import { convert } from './convert.js';
import { tpch } from './tpch.js';
import { env } from './env.js';
import { doctor } from './doctor.js';
import { linkCheck } from './link-check.js';
import { bench } from './bench.js';
import { baseline } from './baseline.js';
import { compare, mergeShards } from './compare.js';
import { calibrate } from './calibrate.js';
import { history } from './history.js';
import { report } from './report.js';
import { llm } from './llm.js';
import { init } from './init.js';
import { explain } from './explain.js';

/** Every top-level command, in the order --help lists them. */
export const commands: Command[] = [
  init,
  info,
  env,
  doctor,
  linkCheck,
  bench,
  baseline,
  compare,
  mergeShards,
  calibrate,
  explain,
  history,
  report,
  download,
  convert,
  tpch,
  llm,
];
