export * from './schemas';
export * from './seller-key';
