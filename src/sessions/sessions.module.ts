import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Clock } from '../common/clock';
import { Session } from './session.entity';
import { SessionStats } from './session-stats';
import { SessionsController } from './sessions.controller';
import { SessionsRepository } from './sessions.repository';
import { SessionsService } from './sessions.service';

@Module({
  imports: [TypeOrmModule.forFeature([Session])],
  controllers: [SessionsController],
  providers: [SessionsService, SessionsRepository, SessionStats, Clock],
  exports: [SessionsService, SessionStats, Clock],
})
export class SessionsModule {}
