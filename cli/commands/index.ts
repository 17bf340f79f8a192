/** Every `sniper` subcommand, in the order `sniper --help` lists them. */
import type { Command } from '../command.ts';
import { decodeCommand } from './decode.ts';
import { benchCommand } from './bench.ts';
import { demoCommand } from './demo.ts';
import { calibrateCommand } from './calibrate.ts';
import { simCommand } from './sim.ts';
import { generateCommand } from './generate.ts';
import { backtestCommand } from './backtest.ts';
import { dashboardsCommand } from './dashboards.ts';
import { notebooksCommand } from './notebooks.ts';
import { recordCommand } from './record.ts';
import { coverageCommand } from './coverage.ts';
import { liveCommand } from './live.ts';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const COMMANDS: readonly Command<any>[] = [
  demoCommand,
  decodeCommand,
  benchCommand,
  calibrateCommand,
  simCommand,
  generateCommand,
  backtestCommand,
  dashboardsCommand,
  notebooksCommand,
  recordCommand,
  coverageCommand,
  liveCommand,
];
