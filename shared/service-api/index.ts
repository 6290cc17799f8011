export * from './common';
export * as schoolApi from './school';
export * as parentApi from './parent';
