import { Open311FallbackController } from './open311-fallback.controller';
import { Open311HttpModule } from './open311-http.module';
import { Open311ReadController } from './open311-read.controller';
import { Open311WriteController } from './open311-write.controller';

/** For feature-modules.ts: the fallback controller must come after the others. */
export const open311Feature = {
  modules: [Open311HttpModule],
  controllers: [Open311ReadController, Open311WriteController, Open311FallbackController],
};
