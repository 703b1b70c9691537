"""A real MCP client (the `mcp` package from PyPI) driving `ucconv mcp`, for tests/mcp.rs.

Reads a plan as JSON on stdin:
    {"command": "/path/to/ucconv", "args": ["mcp", ...], "env": {...},
     "calls": [{"tool": "list", "arguments": {...}, "cursor_from": 0}, ...]}
`cursor_from: N` sets the call's `cursor` argument to the next_cursor of call N's result.

Prints one JSON object on stdout, everything as it was on the wire (camelCase):
    {"initialize": {...}, "tools": [...], "calls": [result or {"protocol_error": {...}}, ...]}
Exits 3 when the `mcp` package is missing, so the test can tell that from a failure.
"""

import json
import sys

try:
    import anyio
    from mcp import ClientSession, StdioServerParameters
    from mcp.client.stdio import stdio_client
    from mcp.shared import exceptions

    # Version 2 renamed McpError to MCPError.
    MCPError = getattr(exceptions, "MCPError", None) or getattr(exceptions, "McpError")
except ImportError as error:  # the test skips or fails on exit code 3, with this reason
    print(f"the Python mcp package is missing: {error}", file=sys.stderr)
    sys.exit(3)


def wire(model):
    return model.model_dump(mode="json", by_alias=True, exclude_none=True)


async def main():
    plan = json.load(sys.stdin)
    server = StdioServerParameters(
        command=plan["command"], args=plan["args"], env=plan.get("env") or {}
    )
    out = {"calls": []}
    async with stdio_client(server) as (read, write):
        async with ClientSession(read, write) as session:
            out["initialize"] = wire(await session.initialize())
            out["tools"] = [wire(tool) for tool in (await session.list_tools()).tools]
            for call in plan.get("calls", []):
                arguments = dict(call.get("arguments") or {})
                if "cursor_from" in call:
                    earlier = out["calls"][call["cursor_from"]]
                    arguments["cursor"] = (earlier.get("structuredContent") or {}).get("next_cursor")
                try:
                    result = await session.call_tool(call["tool"], arguments)
                    out["calls"].append(wire(result))
                except MCPError as error:
                    out["calls"].append(
                        {"protocol_error": {"code": error.error.code, "message": error.error.message}}
                    )
    json.dump(out, sys.stdout)


anyio.run(main)
