/** The officers' and operators' pages, behind a signed-in account (accounts/). */
import type express from 'express';
import type { NextFunction, Request, Response } from 'express';
import type { WebContext } from './kit/context';

type Wrap = (
  h: (req: Request, res: Response) => Promise<void> | void,
) => (req: Request, res: Response, next: NextFunction) => void;

export function staffRoutes(_ctx: WebContext, _router: express.Router, _safe: Wrap): void {}
