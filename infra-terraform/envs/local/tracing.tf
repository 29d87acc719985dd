# Traces: Zipkin's server as the environment's trace store (in memory, bounded), and the settings every Tandem JVM
# gets to send its spans there (apps/common io.tandem.common.trace: the OpenTelemetry SDK, manual spans, W3C
# traceparent between processes, Zipkin v2 JSON). `./tandem trace <orderNumber>` reads an order's trace back.

locals {
  zipkin_port = 19411 + local.o
  zipkin_url  = "http://127.0.0.1:${local.zipkin_port}"
  # -D properties of every traced JVM (services.tf merges them in); none when tracing is off: the no-op tracer.
  tracing_props = var.tracing ? {
    "tracing.endpoint"      = "${local.zipkin_url}/api/v2/spans"
    "tracing.sampler-ratio" = tostring(var.tracing_sampler_ratio)
  } : {}
}

module "zipkin" {
  source      = "../../modules/local-process"
  for_each    = var.tracing ? { zipkin = local.zipkin_port } : {}
  name        = "zipkin"
  port        = each.value
  run_dir     = local.run_dir
  environment = merge(local.script_env, { ZIPKIN_MAX_SPANS = tostring(var.zipkin_max_spans) })
  start       = "${local.scripts}/zipkin.sh start ${each.value}"
  stop        = "${local.scripts}/zipkin.sh stop ${each.value}"
  triggers    = { max_spans = tostring(var.zipkin_max_spans), pom = filesha256("${local.repo}/infra-terraform/zipkin/pom.xml") }
}
