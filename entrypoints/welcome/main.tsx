import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { WelcomeApp } from './App';

const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <WelcomeApp />
    </StrictMode>,
  );
}
