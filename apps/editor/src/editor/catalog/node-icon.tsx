import {
  BadgeCheck,
  Ban,
  Database,
  HandCoins,
  Layers,
  List,
  ListChecks,
  Lock,
  Tags,
  Trash,
  User,
  Banknote,
  BookOpen,
  CalendarClock,
  Clock,
  CreditCard,
  FileText,
  Filter,
  GitBranch,
  GitMerge,
  Globe,
  Hourglass,
  Landmark,
  Mail,
  Play,
  Receipt,
  Repeat,
  Reply,
  RotateCcw,
  Scale,
  ShieldAlert,
  ShoppingBag,
  ShoppingCart,
  Shuffle,
  Split,
  Store,
  Undo2,
  Wallet,
  Webhook,
  Zap,
  type LucideIcon,
} from 'lucide-react';
import { categoryStyle } from './category-style';

/**
 * Icon names the catalogue uses (lucide names), mapped to glyphs bundled with the editor. Node
 * types added later may name others: they get their category's glyph, never a blank.
 */
const ICONS: Record<string, LucideIcon> = {
  webhook: Webhook,
  play: Play,
  clock: Clock,
  'calendar-clock': CalendarClock,
  shuffle: Shuffle,
  split: Split,
  'git-branch': GitBranch,
  'git-merge': GitMerge,
  reply: Reply,
  hourglass: Hourglass,
  globe: Globe,
  'credit-card': CreditCard,
  banknote: Banknote,
  wallet: Wallet,
  receipt: Receipt,
  'rotate-ccw': RotateCcw,
  'undo-2': Undo2,
  undo: Undo2,
  'shopping-bag': ShoppingBag,
  'shopping-cart': ShoppingCart,
  store: Store,
  'book-open': BookOpen,
  book: BookOpen,
  landmark: Landmark,
  'file-text': FileText,
  scale: Scale,
  'shield-alert': ShieldAlert,
  filter: Filter,
  repeat: Repeat,
  mail: Mail,
  zap: Zap,
  lock: Lock,
  'hand-coins': HandCoins,
  ban: Ban,
  'trash-2': Trash,
  trash: Trash,
  list: List,
  layers: Layers,
  'list-checks': ListChecks,
  user: User,
  'badge-check': BadgeCheck,
  tags: Tags,
  database: Database,
};

/** The glyph of a node type, decorative (its title is always written next to it). */
export function NodeIcon({
  icon,
  category,
  size = 16,
}: {
  icon: string;
  category: string;
  size?: number;
}) {
  const style = categoryStyle(category);
  const Glyph = ICONS[icon] ?? style.icon;
  return (
    <Glyph
      size={size}
      aria-hidden="true"
      className={`node-icon cat-${category}`}
      style={{ color: style.color }}
    />
  );
}
