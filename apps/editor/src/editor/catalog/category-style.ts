import {
  Box,
  CreditCard,
  Landmark,
  Scale,
  ShieldAlert,
  ShoppingBag,
  Zap,
  type LucideIcon,
} from 'lucide-react';

/** How a node family looks everywhere in the editor: palette group, card, icon, minimap. */
export interface CategoryStyle {
  /** Palette group title. */
  title: string;
  /** The service's colour: card accent, icon, minimap. */
  color: string;
  /** A light shade of it, behind the card's icon. */
  soft: string;
  /** Glyph for node types whose own icon the editor does not bundle. */
  icon: LucideIcon;
}

/**
 * The one mapping from node category to its look (PayTrace teal, Shopify green, the ledger's
 * QuickBooks-like blue, core indigo...). Categories added later get a neutral style and a title
 * made from their name.
 */
const STYLES: Record<string, CategoryStyle> = {
  trigger: { title: 'Triggers', color: '#b45309', soft: '#fdf0dc', icon: Zap },
  core: { title: 'Core', color: '#4f46e5', soft: '#e9e8fd', icon: Box },
  paytrace: { title: 'PayTrace', color: '#0f766e', soft: '#dcf3f0', icon: CreditCard },
  shopify: { title: 'Shopify', color: '#4d7c0f', soft: '#e8f3d6', icon: ShoppingBag },
  erp: { title: 'ERP', color: '#1d6fb8', soft: '#deecf8', icon: Landmark },
  fraud: { title: 'Fraud', color: '#be123c', soft: '#fbe2e8', icon: ShieldAlert },
  reconciliation: { title: 'Reconciliation', color: '#7c3aed', soft: '#efe5fd', icon: Scale },
};

const NEUTRAL = { color: '#52606d', soft: '#eceff2', icon: Box };

/** The look of a node category. */
export function categoryStyle(category: string): CategoryStyle {
  return (
    STYLES[category] ?? {
      ...NEUTRAL,
      title: category.charAt(0).toUpperCase() + category.slice(1),
    }
  );
}
