import { memo } from 'react';
import type { DiagramLayout, PlacedEdge } from './diagram-elk.ts';
import { arrowHead, routePath } from './diagram-geometry.ts';
import { DIAGRAM_METRICS, type DiagramEdge, type DiagramGraph, type DiagramNode } from './diagram-model.ts';
import type { FocusTarget } from './diagram-navigation.ts';
import {
  CASING,
  DASH,
  DIAGRAM_FONT,
  FOCUS_RING,
  INK,
  INK_SOFT,
  nodeColours,
  SELECTION,
} from './diagram-style.ts';

interface Props {
  graph: DiagramGraph;
  layout: DiagramLayout;
  order: readonly FocusTarget[];
  selectedEdgeId: string | null;
  /** Companies drawn ringed: the selected one, or both ends of the selected flow (as on the map). */
  ringedNodeIds: ReadonlySet<string>;
  focused: FocusTarget | null;
}

function EdgeShape({
  edge,
  placed,
  graph,
  selected,
  focused,
}: {
  edge: DiagramEdge;
  placed: PlacedEdge;
  graph: DiagramGraph;
  selected: boolean;
  focused: boolean;
}) {
  const metrics = DIAGRAM_METRICS[graph.size];
  const width = metrics.strokeWidth * (selected ? 1.5 : 1);
  const arrowSize = metrics.arrowSize * (selected ? 1.2 : 1);
  const line = routePath(placed.points, 8, arrowSize * 0.8);
  const full = routePath(placed.points, 8);
  const head = arrowHead(placed.points, arrowSize);
  const label = placed.label;
  const opacity = edge.muted ? 0.8 : 1;
  return (
    // biome-ignore lint/a11y/useSemanticElements: SVG has no <button>; a focusable group with the role is the pattern
    <g
      className="diagram-edge"
      data-edge-id={edge.id}
      data-from={edge.from}
      data-to={edge.to}
      data-resource={edge.resourceId}
      data-status={edge.status}
      data-selected={selected ? 'true' : undefined}
      tabIndex={0}
      role="button"
      aria-label={edge.name}
      aria-pressed={selected}
    >
      {selected ? (
        <path d={full} fill="none" stroke={SELECTION} strokeWidth={width + 9} strokeOpacity={0.55} />
      ) : null}
      {focused ? (
        <path
          data-export-omit=""
          d={full}
          fill="none"
          stroke={FOCUS_RING}
          strokeWidth={width + 6}
          strokeOpacity={0.35}
        />
      ) : null}
      {edge.cased ? <path d={line} fill="none" stroke={CASING} strokeWidth={width + 3.5} /> : null}
      <path
        d={line}
        fill="none"
        stroke={edge.colour}
        strokeWidth={width}
        strokeDasharray={edge.dashed ? DASH : undefined}
        strokeOpacity={opacity}
      />
      <polygon
        points={head}
        fill={edge.colour}
        fillOpacity={opacity}
        stroke={edge.cased ? CASING : edge.colour}
        strokeWidth={1}
        strokeLinejoin="round"
      />
      {label ? (
        <g>
          <rect
            x={label.x}
            y={label.y}
            width={label.width}
            height={label.height}
            rx={3}
            fill="#FFFFFF"
            stroke={selected ? SELECTION : edge.colour}
            strokeWidth={selected ? 2.5 : 1}
            strokeDasharray={edge.dashed && !selected ? '3 2' : undefined}
          />
          {edge.lines.map((text, index) => (
            <text
              // biome-ignore lint/suspicious/noArrayIndexKey: a label's lines are fixed for its text
              key={index}
              x={label.x + label.width / 2}
              y={label.y + metrics.labelPadY + (index + 0.78) * metrics.labelLineHeight}
              textAnchor="middle"
              fontFamily={DIAGRAM_FONT}
              fontSize={metrics.labelText.size}
              fontWeight={selected ? 700 : 400}
              fontStyle={edge.muted ? 'italic' : undefined}
              fill={edge.muted ? INK_SOFT : INK}
            >
              {text}
            </text>
          ))}
          {focused ? (
            <rect
              data-export-omit=""
              x={label.x - 4}
              y={label.y - 4}
              width={label.width + 8}
              height={label.height + 8}
              rx={5}
              fill="none"
              stroke={FOCUS_RING}
              strokeWidth={2}
              strokeDasharray="4 3"
            />
          ) : null}
        </g>
      ) : null}
      {/* A wide invisible stroke, so a thin line is easy to hit with a mouse or a finger. */}
      <path d={full} fill="none" stroke="transparent" strokeWidth={16} pointerEvents="stroke" />
    </g>
  );
}

function NodeShape({
  node,
  graph,
  layout,
  ringed,
  focused,
}: {
  node: DiagramNode;
  graph: DiagramGraph;
  layout: DiagramLayout;
  ringed: boolean;
  focused: boolean;
}) {
  const box = layout.nodes.get(node.id);
  if (!box) return null;
  const metrics = DIAGRAM_METRICS[graph.size];
  const colours = nodeColours(node.role);
  const textTop = box.y + (box.height - node.lines.length * metrics.nodeLineHeight) / 2;
  return (
    // biome-ignore lint/a11y/useSemanticElements: SVG has no <button>; a focusable group with the role is the pattern
    <g
      className="diagram-node"
      data-node-id={node.id}
      data-selected={ringed ? 'true' : undefined}
      tabIndex={0}
      role="button"
      aria-label={node.label}
      aria-pressed={ringed}
    >
      {ringed ? (
        <rect
          x={box.x - 5}
          y={box.y - 5}
          width={box.width + 10}
          height={box.height + 10}
          rx={9}
          fill="none"
          stroke={SELECTION}
          strokeWidth={4}
        />
      ) : null}
      <rect
        x={box.x}
        y={box.y}
        width={box.width}
        height={box.height}
        rx={6}
        fill={colours.fill}
        stroke={colours.stroke}
        strokeWidth={2}
      />
      {node.lines.map((text, index) => (
        <text
          // biome-ignore lint/suspicious/noArrayIndexKey: a name's lines are fixed for its text
          key={index}
          x={box.x + box.width / 2}
          y={textTop + (index + 0.76) * metrics.nodeLineHeight}
          textAnchor="middle"
          fontFamily={DIAGRAM_FONT}
          fontSize={metrics.nodeText.size}
          fontWeight={metrics.nodeText.weight}
          fill={colours.text}
        >
          {text}
        </text>
      ))}
      {focused ? (
        <rect
          data-export-omit=""
          x={box.x - (ringed ? 10 : 5)}
          y={box.y - (ringed ? 10 : 5)}
          width={box.width + (ringed ? 20 : 10)}
          height={box.height + (ringed ? 20 : 10)}
          rx={10}
          fill="none"
          stroke={FOCUS_RING}
          strokeWidth={2.5}
          strokeDasharray="5 3"
        />
      ) : null}
    </g>
  );
}

/**
 * The drawing itself. Companies and flows are interleaved in reading order (each company, then the flows
 * it sends), so Tab walks the diagram the way the eye does.
 */
export const DiagramCanvas = memo(function DiagramCanvas({
  graph,
  layout,
  order,
  selectedEdgeId,
  ringedNodeIds,
  focused,
}: Props) {
  const nodes = new Map(graph.nodes.map((node) => [node.id, node]));
  const edges = new Map(graph.edges.map((edge) => [edge.id, edge]));
  return (
    <g className="diagram-content">
      {order.map((item) => {
        const isFocused = focused?.kind === item.kind && focused.id === item.id;
        if (item.kind === 'node') {
          const node = nodes.get(item.id);
          return node ? (
            <NodeShape
              key={`node:${item.id}`}
              node={node}
              graph={graph}
              layout={layout}
              ringed={ringedNodeIds.has(item.id)}
              focused={isFocused}
            />
          ) : null;
        }
        const edge = edges.get(item.id);
        const placed = layout.edges.get(item.id);
        return edge && placed ? (
          <EdgeShape
            key={`edge:${item.id}`}
            edge={edge}
            placed={placed}
            graph={graph}
            selected={selectedEdgeId === item.id}
            focused={isFocused}
          />
        ) : null;
      })}
    </g>
  );
});
