import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { ComplaintApp } from './App';

const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <ComplaintApp />
    </StrictMode>,
  );
}
