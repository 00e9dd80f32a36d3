import { Global, Module } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { PrincipalResolver } from '../../common/auth/principal-resolver';
import { AuthController } from './auth.controller';
import { AuthService } from './auth.service';
import { MfaService } from './mfa.service';
import { SecretBox } from './totp';
import { SessionPrincipalResolver } from './principal-resolver.service';
import { TOKEN_HASHER, TokenHasher } from './token-hasher';

@Global()
@Module({
  controllers: [AuthController],
  providers: [
    AuthService,
    MfaService,
    { provide: SecretBox, inject: [APP_CONFIG], useFactory: (config: AppConfig) => new SecretBox(config.mfa.encryptionKey) },
    { provide: TOKEN_HASHER, inject: [APP_CONFIG], useFactory: (config: AppConfig) => new TokenHasher(config.authSecret) },
    { provide: PrincipalResolver, useClass: SessionPrincipalResolver },
  ],
  exports: [AuthService, PrincipalResolver, TOKEN_HASHER],
})
export class AuthModule {}
