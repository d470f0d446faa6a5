/* core/default_pipeline.c - the pipeline `sluice run` uses without -p, and
 * that `sluice default` prints as a file to start from; and the crawl
 * pipeline `sluice default --crawl` prints, for WARC files. */
#include "pipeline.h"

const char sl_default_pipeline_json[] =
    "{\n"
    "  \"sluice\": 1,\n"
    "  \"input\": {\n"
    "    \"format\": \"auto\",\n"
    "    \"content_type\": \"auto\",\n"
    "    \"text_field\": \"text\",\n"
    "    \"id_field\": \"id\"\n"
    "  },\n"
    "  \"stages\": [\n"
    "    { \"use\": \"html\" },\n"
    "    { \"use\": \"normalize\" },\n"
    "    { \"use\": \"boilerplate\" },\n"
    "    { \"use\": \"sections\" },\n"
    "    { \"use\": \"figures\" },\n"
    "    { \"use\": \"export\", \"with\": { \"format\": \"jsonl\", \"path\": "
    "\"-\" } }\n"
    "  ],\n"
    "  \"on_error\": \"quarantine\"\n"
    "}\n";

const char sl_crawl_pipeline_json[] =
    "{\n"
    "  \"sluice\": 1,\n"
    "  \"input\": {\n"
    "    \"format\": \"warc\",\n"
    "    \"content_type\": \"auto\"\n"
    "  },\n"
    "  \"stages\": [\n"
    "    { \"use\": \"html\" },\n"
    "    { \"use\": \"lang\", \"with\": { \"keep\": [\"zh\", \"en\"] } },\n"
    "    { \"use\": \"normalize\" },\n"
    "    { \"use\": \"boilerplate\" },\n"
    "    { \"use\": \"quality\" },\n"
    "    { \"use\": \"sections\" },\n"
    "    { \"use\": \"figures\" },\n"
    "    { \"use\": \"export\", \"with\": { \"format\": \"jsonl\", \"path\": "
    "\"-\" } }\n"
    "  ],\n"
    "  \"on_error\": \"quarantine\"\n"
    "}\n";
