import React from 'react';
import Tabs, { Tab, TabList, TabPanel } from '@atlaskit/tabs';
import { useEchoedValue } from './echo';
import { fire, num, str, type ForgeNode } from './node';
import { renderChildren, type NodeRenderer } from './render';

/**
 * Atlaskit's Tabs pairs the TabList's tabs with the panels after it by position, which the
 * ForgeDoc keeps. The chosen tab shows at once; onChange gets its index, as UI Kit's does.
 */
function ForgeTabs({ node }: { node: ForgeNode }) {
  const fromApp = num(node, 'selected') ?? num(node, 'defaultSelected') ?? 0;
  const [selected, setSelected] = useEchoedValue(fromApp);
  return (
    <Tabs
      id={str(node, 'id') ?? node.key ?? 'tabs'}
      selected={selected}
      onChange={(index) => {
        setSelected(index);
        fire(node, 'onChange', index);
      }}
    >
      {renderChildren(node)}
    </Tabs>
  );
}

export const tabRenderers: Record<string, NodeRenderer> = {
  Tabs: (node) => <ForgeTabs node={node} />,
  TabList: (node) => <TabList>{renderChildren(node)}</TabList>,
  Tab: (node) => <Tab>{renderChildren(node)}</Tab>,
  TabPanel: (node) => (
    <TabPanel>
      <div className="forge-local-tabpanel">{renderChildren(node)}</div>
    </TabPanel>
  ),
};
