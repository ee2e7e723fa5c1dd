-- POST /anon-session/refresh with rotating refresh tokens: each token is single use, so every thread keeps a queue,
-- sends the oldest and appends the refresh_token of every 200 answer.
-- Arguments: a file of refresh tokens, one a line, and the number of wrk threads; thread i takes lines i, i+n, ...

local threads = {}

function setup(thread)
  thread:set("index", #threads)
  table.insert(threads, thread)
end

function init(args)
  local count = tonumber(args[2])
  queue = {}
  head = 1
  tail = 0
  local line_number = 0
  for line in io.lines(args[1]) do
    if line_number % count == index then
      tail = tail + 1
      queue[tail] = line
    end
    line_number = line_number + 1
  end
end

function request()
  local token = "exhausted"
  if head <= tail then
    token = queue[head]
    queue[head] = nil
    head = head + 1
  end
  return wrk.format("POST", "/anon-session/refresh", { ["Content-Type"] = "application/json" },
    '{"refresh_token":"' .. token .. '"}')
end

function response(status, headers, body)
  if status == 200 then
    local token = body:match('"refresh_token"%s*:%s*"([^"]+)"')
    if token then
      tail = tail + 1
      queue[tail] = token
    end
  end
end
