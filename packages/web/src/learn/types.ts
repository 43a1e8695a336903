/** One page of "Learn about IPT": a title, a one-line summary for the list, and sections of plain text. */
export interface LearnTopic {
  /** The page's address under /learn/. */
  readonly id: string;
  readonly title: string;
  readonly summary: string;
  readonly sections: readonly LearnSection[];
}

export interface LearnSection {
  readonly heading?: string;
  readonly paragraphs?: readonly string[];
  readonly list?: readonly string[];
}
