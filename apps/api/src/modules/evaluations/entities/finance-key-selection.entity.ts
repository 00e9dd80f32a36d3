import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** R14: the bureau's selection of finance key evaluations of one evaluated year, with its departures from the ranking. */
@Entity('finance_key_selections')
export class FinanceKeySelectionEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** The evaluated budget year; one selection per year. */
  @Column({ type: 'integer', unique: true })
  year: number;

  /** Selected, in ranking order: project id, code, rank, score, via ranking or override, reason. */
  @Column({ type: 'jsonb' })
  selected: { key: string; code: string; rank: number; score: string; via: 'ranking' | 'override'; reason: string | null }[];

  /** Candidates of the first N taken out, with the reasons. */
  @Column({ type: 'jsonb', default: () => "'[]'" })
  removed: { key: string; code: string; rank: number; reason: string | null }[];

  /** How many candidates were ranked. */
  @Column({ type: 'integer' })
  candidates: number;

  @Column({ type: 'uuid', nullable: true })
  createdById: string | null;

  @CreateDateColumn({ type: 'timestamptz', name: 'created_at' })
  createdAt: Date;
}
