import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

/** Organizations and who belongs to them. */
@Injectable()
export class OrganizationsRepository {
  async create(m: EntityManager, organization: { id: string; name: string }): Promise<void> {
    await m.query(`INSERT INTO organizations (organization_id, name) VALUES ($1, $2)`, [
      organization.id,
      organization.name,
    ]);
  }

  async addMember(m: EntityManager, organizationId: string, userId: string, role: 'owner' | 'member'): Promise<void> {
    await m.query(`INSERT INTO memberships (organization_id, user_id, role) VALUES ($1, $2, $3)`, [
      organizationId,
      userId,
      role,
    ]);
  }
}
