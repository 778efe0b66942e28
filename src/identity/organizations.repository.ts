import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { Membership, type MembershipRole } from './entities/membership.entity';
import { Organization } from './entities/organization.entity';
import { Db } from '../database/db';

/** Organizations and who belongs to them. */
@Injectable()
export class OrganizationsRepository {
  constructor(private readonly db: Db) {}

  private get tx(): EntityManager {
    return this.db.tx;
  }

  async create(organization: Pick<Organization, 'id' | 'name'>): Promise<void> {
    await this.tx.insert(Organization, organization);
  }

  async addMember(organizationId: string, userId: string, role: MembershipRole): Promise<void> {
    await this.tx.insert(Membership, { organizationId, userId, role });
  }

  /** For administrators: organizations of the identity. */
  count(): Promise<number> {
    return this.tx.count(Organization);
  }
}
