import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { QueryClientProvider } from '@tanstack/react-query';
import { RouterProvider, createBrowserRouter } from 'react-router';
import { App } from './App.js';
import { queryClient } from './query.js';
import { bindRouter } from './router.js';
import './styles.css';

// One route holds the shell; the shell routes the pages (App.tsx), after the session is known.
const router = createBrowserRouter([{ path: '*', element: <App /> }]);
bindRouter(router);

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <RouterProvider router={router} />
    </QueryClientProvider>
  </StrictMode>,
);
