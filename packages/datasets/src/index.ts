export { generateTpch, type GenerateTpchOptions, type GenerateTpchResult, type GeneratedTable, type TableEvent } from './tpch/generate.js';
export { TPCH_TABLES, type TpchTable } from './tpch/spec.js';
export { tpchQueries, tpchQuery, parseQueryList, type TpchQuery, type FractionRule } from './tpch/queries.js';
export { loadTpchFolder, type LoadedTable } from './tpch/load.js';
export {
  formatAnswer,
  answerFileName,
  writeAnswers,
  checkAnswers,
  detectScale,
  type QueryAnswer,
  type AnswerCheck,
  type AnswerOptions,
} from './tpch/answers.js';
export { parseAnswer, compareAnswer, fieldsAgree, type ParsedAnswer, type AnswerDifference } from './tpch/answer-compare.js';
export { createProgress } from './progress.js';
export { generateChinook } from './chinook.js';
export { convertFile, CONVERT_FORMATS, type ConvertFormat, type ConvertOptions, type ConvertResult } from './convert.js';
export { downloadDataset, DATASETS, DATASET_FORMATS, type DatasetName, type DatasetFormat, type DownloadOptions, type DownloadResult } from './download.js';
