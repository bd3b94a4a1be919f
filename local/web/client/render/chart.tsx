import React from 'react';
import { num, str, type ForgeNode } from './node';
import { seriesOf, yRange, type Series } from './chart-data';
import type { NodeRenderer } from './render';

const WIDTH = 640;
const PAD = { left: 40, right: 12, top: 12, bottom: 28 };
/** Atlassian's chart palette order (blue, green, purple, orange, teal). */
const COLOURS = ['#1D7AFC', '#22A06B', '#8F7EE7', '#E56910', '#2898BD'];

interface Frame {
  height: number;
  xs: string[];
  min: number;
  max: number;
}

function position(frame: Frame, x: string, y: number): [number, number] {
  const plotWidth = WIDTH - PAD.left - PAD.right;
  const plotHeight = frame.height - PAD.top - PAD.bottom;
  const step = frame.xs.length > 1 ? plotWidth / (frame.xs.length - 1) : 0;
  const left = PAD.left + frame.xs.indexOf(x) * step;
  const top = PAD.top + plotHeight * (1 - (y - frame.min) / (frame.max - frame.min));
  return [left, top];
}

function Line({ series, frame, colour }: { series: Series; frame: Frame; colour: string }) {
  const points = series.points.map((p) => position(frame, p.x, p.y));
  return (
    <g>
      <polyline
        fill="none"
        stroke={colour}
        strokeWidth={2}
        points={points.map((p) => p.join(',')).join(' ')}
      />
      {points.map(([cx, cy], i) => (
        <circle key={i} cx={cx} cy={cy} r={3} fill={colour}>
          <title>{`${series.points[i]?.x}: ${series.points[i]?.y}`}</title>
        </circle>
      ))}
    </g>
  );
}

function Axes({ frame }: { frame: Frame }) {
  const bottom = frame.height - PAD.bottom;
  const first = frame.xs[0] ?? '';
  const last = frame.xs[frame.xs.length - 1] ?? '';
  return (
    <g className="forge-local-chart-axes">
      <line x1={PAD.left} y1={PAD.top} x2={PAD.left} y2={bottom} />
      <line x1={PAD.left} y1={bottom} x2={WIDTH - PAD.right} y2={bottom} />
      <text x={PAD.left - 6} y={PAD.top + 4} textAnchor="end">
        {frame.max}
      </text>
      <text x={PAD.left - 6} y={bottom} textAnchor="end">
        {frame.min}
      </text>
      <text x={PAD.left} y={bottom + 18}>
        {first}
      </text>
      <text x={WIDTH - PAD.right} y={bottom + 18} textAnchor="end">
        {last}
      </text>
    </g>
  );
}

/** Atlaskit's charts are not installed: a line per series, drawn as SVG. */
function LineChart({ node }: { node: ForgeNode }) {
  const series = seriesOf(node);
  const [min, max] = yRange(series);
  const xs = [...new Set(series.flatMap((s) => s.points.map((p) => p.x)))];
  const frame: Frame = { height: num(node, 'height') ?? 240, xs, min, max };
  const title = str(node, 'title');
  return (
    <figure className="forge-local-chart">
      {title && <figcaption>{title}</figcaption>}
      {str(node, 'subtitle') && <p>{str(node, 'subtitle')}</p>}
      <svg role="img" aria-label={title ?? 'Line chart'} viewBox={`0 0 ${WIDTH} ${frame.height}`}>
        <Axes frame={frame} />
        {series.map((s, i) => (
          <Line
            key={s.name}
            series={s}
            frame={frame}
            colour={COLOURS[i % COLOURS.length] ?? '#1D7AFC'}
          />
        ))}
      </svg>
    </figure>
  );
}

export const chartRenderers: Record<string, NodeRenderer> = {
  LineChart: (node) => <LineChart node={node} />,
};
