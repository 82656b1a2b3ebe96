export { generateTpch, type GenerateTpchOptions, type GenerateTpchResult, type GeneratedTable, type TableEvent } from './tpch/generate.js';
export { TPCH_TABLES, type TpchTable } from './tpch/spec.js';
export { tpchQueries, tpchQuery, parseQueryList, type TpchQuery } from './tpch/queries.js';
export { loadTpchFolder, type LoadedTable } from './tpch/load.js';
export { formatAnswer, answerFileName, writeAnswers, detectScale, type QueryAnswer } from './tpch/answers.js';
export { createProgress } from './progress.js';
export { generateChinook } from './chinook.js';
export { convertFile, CONVERT_FORMATS, type ConvertFormat, type ConvertOptions, type ConvertResult } from './convert.js';
export { downloadDataset, DATASETS, DATASET_FORMATS, type DatasetName, type DatasetFormat, type DownloadOptions, type DownloadResult } from './download.js';
