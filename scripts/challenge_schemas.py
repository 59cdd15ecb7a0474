#!/usr/bin/env python3
"""Writes schema/ti-assess.challenge.v1.schema.json and ti-assess.challenge-result.v1.schema.json.
The shapes are persist::challenge's; keep both in step (the tests validate real exports)."""
import json, sys

ts = {"type": "string", "pattern": r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{3})?Z$"}
date = {"type": "string", "pattern": r"^\d{4}-\d{2}-\d{2}$"}
party = {"enum": ["organiser", "vo", "site"]}
cid = {"type": "string", "pattern": r"^[A-Za-z0-9][A-Za-z0-9._-]{0,63}-\d{8}-\d{2}_EXERCISE$"}
s = {"type": "string"}
strs = {"type": "array", "items": s}
kit = {"type": "object", "required": ["id", "version"], "additionalProperties": False, "properties": {"id": s, "version": s}}
window = {"type": "object", "required": ["start", "end"], "additionalProperties": False, "properties": {"start": ts, "end": ts}}
contact = {"type": "object", "additionalProperties": False, "properties": {"name": s, "email": s}}
hhmm = {"type": "string", "pattern": r"^([01]\d|2[0-3]):[0-5]\d$|^24:00$"}
calendar = {"type": "object", "required": ["zone", "days", "hours"], "additionalProperties": False, "properties": {
    "zone": s, "days": {"type": "array", "items": {"enum": ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]}},
    "hours": {"type": "array", "items": {"type": "array", "prefixItems": [hhmm, hhmm], "minItems": 2, "maxItems": 2}},
    "holidays": {"type": "array", "items": date}}}
action = {"type": "object", "required": ["id", "text", "party", "closed"], "additionalProperties": False,
          "properties": {"id": s, "text": s, "party": party, "closed": {"type": "boolean"}}}
truth = {"type": "object", "required": ["identity"], "additionalProperties": False,
         "description": "The sealed ground truth (TLP:RED). Only in the organiser's own storage and the explicit sealed export; never in a result.",
         "properties": {
    "identity": {"type": "object", "additionalProperties": False, "properties": {k: s for k in ["dn", "token_issuer", "token_subject", "username", "group_role", "created_by"]} | {"aliases": strs}},
    "payloads": {"type": "array", "items": {"type": "object", "additionalProperties": False, "properties": {
        k: s for k in ["vo_job_id", "site", "ce", "batch_job_id", "worker_node", "pilot_id"]} | {k: ts for k in ["submitted", "started", "ended"]}}},
    "pointer_payload": {"type": "integer", "minimum": 0},
    "pointer": {"enum": ["batch", "node"]},
    "marker": {"type": "object", "additionalProperties": False, "properties": {k: s for k in ["callback", "token", "process_name", "file_name"]}},
    "expected_suspension_by": ts, "notes": s}}
record = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "$id": "ti-assess.challenge.v1.schema.json",
    "title": "ti-assess challenge record, schema 1",
    "description": "A challenge as its organiser stores and exports it. Written by persist::challenge::encode_record; read by decode_record, which also checks real dates, the kit's IDs and the order of events, which this schema cannot express. `truth` and `sealed` appear together, only when the organiser asked for the sealed (TLP:RED) copy.",
    "type": "object",
    "required": ["format", "schema", "kit", "id", "vo", "framework", "variant", "alerted", "window", "tlp", "depth_target", "calendars", "created", "revision"],
    "additionalProperties": False,
    "properties": {
        "format": {"const": "ti-assess.challenge"}, "schema": {"const": 1}, "kit": kit, "id": cid, "vo": s,
        "framework": s, "variant": s, "alerted": {"enum": ["vo", "site"]}, "window": window, "tlp": s,
        "depth_target": {"type": "integer", "minimum": 1, "maximum": 5}, "depth_observed": {"type": "integer", "minimum": 1, "maximum": 5},
        "organiser": contact, "vo_contact": contact, "site": contact,
        "calendars": {"type": "object", "propertyNames": party, "additionalProperties": calendar},
        "overrides": {"type": "object", "additionalProperties": {"type": "number", "minimum": 0}},
        "events": {"type": "array", "items": {"type": "object", "required": ["event", "at", "recorded_by"], "additionalProperties": False, "properties": {
            "event": s, "at": ts, "recorded_by": party, "note": s,
            "typed": {"type": "object", "required": ["text", "zone"], "additionalProperties": False, "properties": {"text": s, "zone": s}}}}},
        "answer": {"type": "object", "additionalProperties": False, "properties": {
            "owner": {"type": "object", "additionalProperties": False, "properties": {k: s for k in ["dn", "token_issuer", "token_subject", "username"]}},
            "jobs": strs}},
        "trace_fields": strs, "attestations": {"type": "object", "additionalProperties": {"type": "boolean"}},
        "went_well": strs, "actions": {"type": "array", "items": action},
        "created": ts, "revision": {"type": "integer", "minimum": 0},
        "truth": truth, "sealed": {"const": "TLP:RED"}},
    "dependentRequired": {"truth": ["sealed"], "sealed": ["truth"]},
}
outcome = {"enum": ["pass", "fail", "pending", "not-applicable"]}
threshold = {"type": "object", "required": ["id", "title", "kit_value", "value", "unit", "sources", "status"], "additionalProperties": False, "properties": {
    "id": s, "title": s, "kit_value": {"type": "number"}, "value": {"type": "number"}, "unit": s, "sources": strs,
    "status": {"enum": ["sourced", "unverified"]}, "note": s}}
check = {"type": "object", "required": ["id", "label", "outcome", "value", "party"], "additionalProperties": False, "properties": {
    "id": s, "label": s, "outcome": outcome, "value": s, "threshold": threshold, "fatal": {"type": "boolean"},
    "advisory": {"type": "boolean"}, "party": party, "action": s}}
hours = {"type": "number", "minimum": 0}
result = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "$id": "ti-assess.challenge-result.v1.schema.json",
    "title": "ti-assess challenge result, schema 1",
    "description": "The result of a challenge as a VO or site imports it into its assessment. Written by persist::challenge::encode_result; read by decode_result, which refuses any `truth` key (the sealed ground truth never travels in a result) and an organiser's record.",
    "type": "object",
    "required": ["format", "schema", "kit", "id", "vo", "framework", "variant", "alerted", "tlp", "date", "window", "closed", "events", "durations", "criteria", "overall", "failing"],
    "additionalProperties": False,
    "not": {"required": ["truth"]},
    "properties": {
        "format": {"const": "ti-assess.challenge-result"}, "schema": {"const": 1}, "kit": kit, "id": cid, "vo": s, "site": s,
        "framework": s, "variant": s, "alerted": {"enum": ["vo", "site"]}, "tlp": s, "date": date, "window": window, "closed": {"type": "boolean"},
        "events": {"type": "array", "items": {"type": "object", "required": ["event", "at", "recorded_by"], "additionalProperties": False, "properties": {"event": s, "at": ts, "recorded_by": party}}},
        "durations": {"type": "array", "items": {"type": "object", "required": ["id", "title", "applies", "calendar"], "additionalProperties": False, "properties": {
            "id": s, "title": s, "applies": {"type": "boolean"}, "from": s, "hours": hours, "working_hours": hours, "calendar": party, "problem": s}}},
        "criteria": {"type": "array", "items": {"type": "object", "required": ["id", "title", "rule", "basis", "outcome", "checks"], "additionalProperties": False, "properties": {
            "id": s, "title": s, "rule": s, "basis": s, "outcome": outcome, "checks": {"type": "array", "items": check}}}},
        "overall": {"enum": ["pass", "partial", "fail", "pending"]}, "failing": strs,
        "depth": {"type": "integer", "minimum": 1, "maximum": 5}, "actions": {"type": "array", "items": action}, "went_well": strs},
}
out = sys.argv[1] if len(sys.argv) > 1 else "schema"
for name, doc in [("ti-assess.challenge.v1.schema.json", record), ("ti-assess.challenge-result.v1.schema.json", result)]:
    with open(f"{out}/{name}", "w") as f:
        json.dump(doc, f, indent=2, ensure_ascii=False)
        f.write("\n")
