-- POST /introspect as a backend does: HTTP Basic, form body token=<access token>.
-- Argument: a file whose first line is the Authorization value and the others access tokens, used in turn.

local threads = {}

function setup(thread)
  thread:set("index", #threads)
  table.insert(threads, thread)
end

function init(args)
  local lines = {}
  for line in io.lines(args[1]) do
    table.insert(lines, line)
  end
  authorization = lines[1]
  tokens = {}
  for i = 2, #lines do
    table.insert(tokens, lines[i])
  end
  next_token = (index or 0) % #tokens
end

function request()
  next_token = next_token % #tokens + 1
  return wrk.format("POST", "/introspect",
    { ["Authorization"] = authorization, ["Content-Type"] = "application/x-www-form-urlencoded" },
    "token=" .. tokens[next_token])
end
