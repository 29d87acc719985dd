package io.tandem.common.api;

/** A route of a Tandem service: a request in, a {@link Reply} out; refusals are thrown as {@link ApiException}. */
@FunctionalInterface
public interface ApiHandler {
    Reply handle(ApiRequest request);
}
