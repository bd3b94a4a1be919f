import React from 'react';
import DynamicTable from '@atlaskit/dynamic-table';
import { bool, fire, num, str, type ForgeNode } from './node';
import { renderChildren, type NodeRenderer } from './render';

type TableProps = React.ComponentProps<typeof DynamicTable>;
type SortOrder = TableProps['defaultSortOrder'];

/** UI Kit sends head and rows as ContentWrapper children named "head" and "rows". */
function wrapper(table: ForgeNode, name: string): ForgeNode[] {
  return (
    table.children.find((c) => c.type === 'ContentWrapper' && c.props.name === name)?.children ?? []
  );
}

/** A Cell back into the shape Atlaskit wants; its sort key was renamed `cellKey` on the way. */
function cell(node: ForgeNode) {
  const key = node.props.cellKey;
  return {
    key: typeof key === 'string' || typeof key === 'number' ? key : undefined,
    content: <>{renderChildren(node)}</>,
    colSpan: num(node, 'colSpan'),
  };
}

/** Head cells also say how the column sorts and sizes; body cells pass their props to <td>. */
function headCell(node: ForgeNode) {
  return {
    ...cell(node),
    isSortable: bool(node, 'isSortable'),
    width: num(node, 'width'),
    shouldTruncate: bool(node, 'shouldTruncate'),
  };
}

function row(node: ForgeNode, index: number) {
  const key = str(node, 'rowKey') ?? String(index);
  return { key, cells: node.children.filter((c) => c.type === 'Cell').map(cell) };
}

function ForgeDynamicTable({ node }: { node: ForgeNode }) {
  const head = wrapper(node, 'head');
  const caption = str(node, 'caption');
  return (
    <DynamicTable
      caption={caption}
      label={caption ?? str(node, 'label')}
      head={head.length ? { cells: head.map(headCell) } : undefined}
      rows={wrapper(node, 'rows').map(row)}
      rowsPerPage={num(node, 'rowsPerPage')}
      defaultPage={num(node, 'defaultPage')}
      defaultSortKey={str(node, 'defaultSortKey')}
      defaultSortOrder={str(node, 'defaultSortOrder') as SortOrder}
      isLoading={bool(node, 'isLoading')}
      isFixedSize={bool(node, 'isFixedSize')}
      onSort={(data: { key?: unknown; sortOrder?: unknown }) =>
        fire(node, 'onSort', { key: data.key, sortOrder: data.sortOrder })
      }
      onSetPage={(page: number) => fire(node, 'onSetPage', page)}
    />
  );
}

export const tableRenderers: Record<string, NodeRenderer> = {
  DynamicTable: (node) => <ForgeDynamicTable node={node} />,
};
