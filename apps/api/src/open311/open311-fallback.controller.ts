import { All, Controller, UseFilters } from '@nestjs/common';
import { Open311Error } from '@app/open311';
import { Open311ExceptionFilter } from './open311-exception.filter';

/** Anything else under /open311: a 404 in Open311's error shape. Registered after the real routes. */
@Controller('open311')
@UseFilters(Open311ExceptionFilter)
export class Open311FallbackController {
  @All('*rest')
  unknownOpen311Endpoint(): never {
    throw Open311Error.of(404, 'Unknown Open311 endpoint. Endpoints: /open311/v2/{discovery,services,services/{code},requests,requests/{id},tokens/{token},servicerequestupdates}.{xml,json}');
  }
}
