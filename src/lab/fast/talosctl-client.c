/*
 * The simulated lab's talosctl as a native program (built by scripts/build-node.mjs into
 * out/lab/talosctl). A Node process costs 0.1-0.3 s of CPU to start, real talosctl (Go) a few
 * milliseconds: discovery runs two talosctl per machine, so the lab must start like the real one
 * for a scan's timing to mean anything. No lab logic lives here: when the lab's server socket
 * (<lab file>.sock, served by serveLab in src/lab/listeners.ts) answers, this sends it argv, the
 * env vars the lab reads, and cwd, and relays what comes back; the server runs runTalosctl.
 * Otherwise (no lab file, no socket, refused, or the server says "fallback") it execs
 * out/lab/talosctl.js with the same argv, exactly as before this client existed.
 * stdin is not sent: no lab command reads it, and reading it would block on a caller's open pipe.
 *
 * Wire format (src/lab/fast/protocol.ts): request "WLT1", u32 argc, u32 envc, then cwd, argv and
 * "KEY=VALUE" env entries, each as u32 length + bytes (big endian). Reply: frames of one kind
 * byte + u32 length + payload: 'o' stdout, 'e' stderr, 'x' exit code (u32), 'f' run it yourself.
 */
#include <errno.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

/* Keep in step with FORWARDED_ENV in src/lab/fast/protocol.ts (test/lab/fast-talosctl.test.ts checks). */
static const char *FORWARDED_ENV[] = {"WILD_LAB_FILE", "TALOSCONFIG", "HOME"};
#define N_ENV (sizeof FORWARDED_ENV / sizeof FORWARDED_ENV[0])

static void run_node(char **argv) {
  char self[PATH_MAX], js[PATH_MAX + 4];
  ssize_t n = readlink("/proc/self/exe", self, sizeof self - 1);
  if (n > 0) self[n] = '\0';
  else snprintf(self, sizeof self, "%s", argv[0]);
  snprintf(js, sizeof js, "%s.js", self);
  argv[0] = js;
  execv(js, argv); /* its #!/usr/bin/env node line: the same process as before */
  int argc = 0;
  while (argv[argc]) argc++;
  char **with_node = malloc((size_t)(argc + 2) * sizeof *argv);
  if (!with_node) exit(1);
  with_node[0] = "node";
  memcpy(with_node + 1, argv, (argc + 1) * sizeof *argv);
  execvp("node", with_node);
  fprintf(stderr, "talosctl (lab): cannot run %s: %s\n", js, strerror(errno));
  exit(1);
}

/* A growing request buffer. */
static char *buf;
static size_t len, cap;

static void put(const void *p, size_t n) {
  if (len + n > cap) {
    cap = (len + n) * 2 + 4096;
    buf = realloc(buf, cap);
    if (!buf) exit(1);
  }
  memcpy(buf + len, p, n);
  len += n;
}

static void put_u32(uint32_t v) {
  unsigned char b[4] = {v >> 24, v >> 16, v >> 8, v};
  put(b, 4);
}

static void put_str(const char *s) {
  put_u32((uint32_t)strlen(s));
  put(s, strlen(s));
}

static int read_full(int fd, void *p, size_t n) {
  for (size_t got = 0; got < n;) {
    ssize_t r = read(fd, (char *)p + got, n - got);
    if (r == 0) return -1;
    if (r < 0 && errno == EINTR) continue;
    if (r < 0) return -1;
    got += (size_t)r;
  }
  return 0;
}

static void write_full(int fd, const char *p, size_t n) {
  while (n > 0) {
    ssize_t w = write(fd, p, n);
    if (w < 0 && errno == EINTR) continue;
    if (w <= 0) return; /* a closed stdout: nothing more to say there */
    p += w;
    n -= (size_t)w;
  }
}

int main(int argc, char **argv) {
  const char *lab = getenv("WILD_LAB_FILE");
  struct sockaddr_un addr = {.sun_family = AF_UNIX};
  if (!lab || !*lab || strlen(lab) + 5 >= sizeof addr.sun_path) run_node(argv);
  snprintf(addr.sun_path, sizeof addr.sun_path, "%s.sock", lab);
  int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0 || connect(fd, (struct sockaddr *)&addr, sizeof addr) < 0) run_node(argv);

  char cwd[PATH_MAX];
  if (!getcwd(cwd, sizeof cwd)) run_node(argv);
  uint32_t envc = 0;
  for (size_t i = 0; i < N_ENV; i++) envc += getenv(FORWARDED_ENV[i]) != NULL;
  put("WLT1", 4);
  put_u32((uint32_t)(argc - 1));
  put_u32(envc);
  put_str(cwd);
  for (int i = 1; i < argc; i++) put_str(argv[i]);
  for (size_t i = 0; i < N_ENV; i++) {
    const char *v = getenv(FORWARDED_ENV[i]);
    if (!v) continue;
    put_u32((uint32_t)(strlen(FORWARDED_ENV[i]) + 1 + strlen(v)));
    put(FORWARDED_ENV[i], strlen(FORWARDED_ENV[i]));
    put("=", 1);
    put(v, strlen(v));
  }
  /* MSG_NOSIGNAL: a server that went away must mean "fall back", not a silent SIGPIPE death. */
  for (size_t sent = 0; sent < len;) {
    ssize_t w = send(fd, buf + sent, len - sent, MSG_NOSIGNAL);
    if (w < 0 && errno == EINTR) continue;
    if (w <= 0) run_node(argv);
    sent += (size_t)w;
  }

  int first = 1;
  for (;;) {
    unsigned char head[5];
    if (read_full(fd, head, 5) < 0) {
      /* Nothing came back: nothing ran here that matters (the server forwards reads only). */
      if (first) run_node(argv);
      fprintf(stderr, "talosctl (lab): the lab server closed the connection\n");
      return 1;
    }
    first = 0;
    uint32_t n = (uint32_t)head[1] << 24 | (uint32_t)head[2] << 16 | (uint32_t)head[3] << 8 | head[4];
    char *payload = malloc(n ? n : 1);
    if (!payload || read_full(fd, payload, n) < 0) {
      fprintf(stderr, "talosctl (lab): the lab server closed the connection\n");
      return 1;
    }
    if (head[0] == 'f') run_node(argv);
    if (head[0] == 'o') write_full(1, payload, n);
    if (head[0] == 'e') write_full(2, payload, n);
    if (head[0] == 'x' && n == 4) {
      unsigned char *c = (unsigned char *)payload;
      return (int)((uint32_t)c[0] << 24 | (uint32_t)c[1] << 16 | (uint32_t)c[2] << 8 | c[3]);
    }
    free(payload);
  }
}
