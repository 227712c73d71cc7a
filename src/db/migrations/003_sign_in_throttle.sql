-- Sign-in throttling per login and address. Consecutive failed password checks of one
-- login from one address; after a few, each further attempt from that address must wait
-- longer (see src/auth/sign-in-throttle.ts). Kept for unknown logins too, so an attacker
-- cannot tell them from real ones. Rows of other addresses never block a user.
create table login_throttles (
  login text not null,
  ip text not null,
  failures integer not null check (failures > 0),
  last_failure_at timestamptz not null,
  primary key (login, ip)
);
create index login_throttles_last_failure on login_throttles(last_failure_at);

-- The per-address limit counts failures only; successful sign-ins of an office behind one address are free.
create index login_attempts_ip_failed_at on login_attempts(ip, at) where not succeeded;

-- Replaced by login_throttles: one counter per account let anyone keep a real user locked out.
alter table users drop column failed_logins, drop column locked_until;
