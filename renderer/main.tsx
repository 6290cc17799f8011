import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { installBridge } from './transport/bridge';
import './styles.css';

// First, before anything reads location.hash: browser mode's token arrives in the fragment.
installBridge();

const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
}
