// Imported first by the registry's processes (server/main.ts, scripts/start.ts), before anything
// loads React: the pages for people are rendered with React's production build (about three times
// faster than its development build) unless NODE_ENV says otherwise.
process.env.NODE_ENV ??= 'production';
