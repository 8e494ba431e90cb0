// Declarations of every command and subcommand handler, grouped by the file that defines
// them. The command tables (command_table.cpp, subcommand_table.cpp) are the only users; a
// handler is reached only through its row.
#pragma once

#include <span>
#include <string_view>

namespace redscope::engine {

struct CommandContext;
#define REDSCOPE_HANDLER(name) void name(CommandContext &ctx)

// subcommand_table.cpp: the row handler of container commands (CONFIG, CLIENT, ...), which
// runs the subcommand's row.
REDSCOPE_HANDLER(cmdSubcommand);

// connection_commands.cpp
REDSCOPE_HANDLER(cmdPing);
REDSCOPE_HANDLER(cmdEcho);
REDSCOPE_HANDLER(cmdSelect);
REDSCOPE_HANDLER(cmdQuit);
REDSCOPE_HANDLER(cmdReset);
REDSCOPE_HANDLER(cmdAuth);
REDSCOPE_HANDLER(cmdHello);
// CLIENT <subcommand>
REDSCOPE_HANDLER(cmdClientId);
REDSCOPE_HANDLER(cmdClientGetname);
REDSCOPE_HANDLER(cmdClientSetname);
REDSCOPE_HANDLER(cmdClientInfo);
REDSCOPE_HANDLER(cmdClientList);
REDSCOPE_HANDLER(cmdClientKill);
REDSCOPE_HANDLER(cmdClientNoEvict);
REDSCOPE_HANDLER(cmdClientPause);
REDSCOPE_HANDLER(cmdClientUnpause);
REDSCOPE_HANDLER(cmdClientHelp);
REDSCOPE_HANDLER(cmdClientUnblock);

// keyspace_commands.cpp
REDSCOPE_HANDLER(cmdDel);
REDSCOPE_HANDLER(cmdUnlink);
REDSCOPE_HANDLER(cmdExists);
REDSCOPE_HANDLER(cmdExpire);
REDSCOPE_HANDLER(cmdPexpire);
REDSCOPE_HANDLER(cmdExpireat);
REDSCOPE_HANDLER(cmdPexpireat);
REDSCOPE_HANDLER(cmdTtl);
REDSCOPE_HANDLER(cmdPttl);
REDSCOPE_HANDLER(cmdPersist);
REDSCOPE_HANDLER(cmdType);
REDSCOPE_HANDLER(cmdKeys);
REDSCOPE_HANDLER(cmdScan);
REDSCOPE_HANDLER(cmdDbsize);
REDSCOPE_HANDLER(cmdFlushdb);
REDSCOPE_HANDLER(cmdFlushall);
// -- keyspace family additions (issue 3) below this line --
REDSCOPE_HANDLER(cmdRename);
REDSCOPE_HANDLER(cmdRenamenx);
REDSCOPE_HANDLER(cmdCopy);
REDSCOPE_HANDLER(cmdMove);
REDSCOPE_HANDLER(cmdSwapdb);
REDSCOPE_HANDLER(cmdRandomkey);
REDSCOPE_HANDLER(cmdExpiretime);
REDSCOPE_HANDLER(cmdPexpiretime);
REDSCOPE_HANDLER(cmdTouch);
REDSCOPE_HANDLER(cmdSort);
REDSCOPE_HANDLER(cmdSortRo);
REDSCOPE_HANDLER(cmdDump);
REDSCOPE_HANDLER(cmdRestore);
REDSCOPE_HANDLER(cmdMigrate);
REDSCOPE_HANDLER(cmdClusterDisabled);
REDSCOPE_HANDLER(cmdSsubscribe);
REDSCOPE_HANDLER(cmdClientReply);
REDSCOPE_HANDLER(cmdClientTracking);
REDSCOPE_HANDLER(cmdClientCaching);
REDSCOPE_HANDLER(cmdClientGetredir);
REDSCOPE_HANDLER(cmdClientTrackinginfo);
REDSCOPE_HANDLER(cmdSunsubscribe);
REDSCOPE_HANDLER(cmdSpublish);
// OBJECT <subcommand>
REDSCOPE_HANDLER(cmdObjectEncoding);
REDSCOPE_HANDLER(cmdObjectRefcount);
REDSCOPE_HANDLER(cmdObjectIdletime);
REDSCOPE_HANDLER(cmdObjectFreq);
REDSCOPE_HANDLER(cmdObjectHelp);

// string_commands.cpp
REDSCOPE_HANDLER(cmdGet);
REDSCOPE_HANDLER(cmdSet);
// -- string family additions (issue 3) below this line --
REDSCOPE_HANDLER(cmdMget);
REDSCOPE_HANDLER(cmdMset);
REDSCOPE_HANDLER(cmdMsetnx);
REDSCOPE_HANDLER(cmdSetnx);
REDSCOPE_HANDLER(cmdSetex);
REDSCOPE_HANDLER(cmdPsetex);
REDSCOPE_HANDLER(cmdGetset);
REDSCOPE_HANDLER(cmdGetdel);
REDSCOPE_HANDLER(cmdGetex);
REDSCOPE_HANDLER(cmdAppend);
REDSCOPE_HANDLER(cmdStrlen);
REDSCOPE_HANDLER(cmdGetrange);
REDSCOPE_HANDLER(cmdSetrange);
REDSCOPE_HANDLER(cmdIncr);
REDSCOPE_HANDLER(cmdDecr);
REDSCOPE_HANDLER(cmdIncrby);
REDSCOPE_HANDLER(cmdDecrby);
REDSCOPE_HANDLER(cmdIncrbyfloat);

// list_commands.cpp
// -- list family (issue 3) below this line --
REDSCOPE_HANDLER(cmdLpush);
REDSCOPE_HANDLER(cmdRpush);
REDSCOPE_HANDLER(cmdLpushx);
REDSCOPE_HANDLER(cmdRpushx);
REDSCOPE_HANDLER(cmdLpop);
REDSCOPE_HANDLER(cmdRpop);
REDSCOPE_HANDLER(cmdLrange);
REDSCOPE_HANDLER(cmdLlen);
REDSCOPE_HANDLER(cmdLindex);
REDSCOPE_HANDLER(cmdLset);
REDSCOPE_HANDLER(cmdLrem);
REDSCOPE_HANDLER(cmdLtrim);
REDSCOPE_HANDLER(cmdLinsert);
REDSCOPE_HANDLER(cmdLpos);
REDSCOPE_HANDLER(cmdLmove);
REDSCOPE_HANDLER(cmdRpoplpush);
REDSCOPE_HANDLER(cmdBlpop);
REDSCOPE_HANDLER(cmdBrpop);
REDSCOPE_HANDLER(cmdBlmove);
REDSCOPE_HANDLER(cmdBrpoplpush);

// hash_commands.cpp
// -- hash family (issue 3) below this line --
REDSCOPE_HANDLER(cmdHset);
REDSCOPE_HANDLER(cmdHsetnx);
REDSCOPE_HANDLER(cmdHget);
REDSCOPE_HANDLER(cmdHmget);
REDSCOPE_HANDLER(cmdHmset);
REDSCOPE_HANDLER(cmdHgetall);
REDSCOPE_HANDLER(cmdHdel);
REDSCOPE_HANDLER(cmdHexists);
REDSCOPE_HANDLER(cmdHlen);
REDSCOPE_HANDLER(cmdHkeys);
REDSCOPE_HANDLER(cmdHvals);
REDSCOPE_HANDLER(cmdHstrlen);
REDSCOPE_HANDLER(cmdHincrby);
REDSCOPE_HANDLER(cmdHincrbyfloat);
REDSCOPE_HANDLER(cmdHrandfield);
REDSCOPE_HANDLER(cmdHscan);

// set_commands.cpp
// -- set family (issue 3) below this line --
REDSCOPE_HANDLER(cmdSadd);
REDSCOPE_HANDLER(cmdSrem);
REDSCOPE_HANDLER(cmdSmembers);
REDSCOPE_HANDLER(cmdSismember);
REDSCOPE_HANDLER(cmdSmismember);
REDSCOPE_HANDLER(cmdScard);
REDSCOPE_HANDLER(cmdSpop);
REDSCOPE_HANDLER(cmdSrandmember);
REDSCOPE_HANDLER(cmdSmove);
REDSCOPE_HANDLER(cmdSinter);
REDSCOPE_HANDLER(cmdSunion);
REDSCOPE_HANDLER(cmdSdiff);
REDSCOPE_HANDLER(cmdSinterstore);
REDSCOPE_HANDLER(cmdSunionstore);
REDSCOPE_HANDLER(cmdSdiffstore);
REDSCOPE_HANDLER(cmdSintercard);
REDSCOPE_HANDLER(cmdSscan);

// zset_commands.cpp
// -- sorted set family (issue 3) below this line --
REDSCOPE_HANDLER(cmdZadd);
REDSCOPE_HANDLER(cmdZincrby);
REDSCOPE_HANDLER(cmdZrem);
REDSCOPE_HANDLER(cmdZscore);
REDSCOPE_HANDLER(cmdZmscore);
REDSCOPE_HANDLER(cmdZcard);
REDSCOPE_HANDLER(cmdZcount);
REDSCOPE_HANDLER(cmdZlexcount);
REDSCOPE_HANDLER(cmdZrange);
REDSCOPE_HANDLER(cmdZrangestore);
REDSCOPE_HANDLER(cmdZrevrange);
REDSCOPE_HANDLER(cmdZrangebyscore);
REDSCOPE_HANDLER(cmdZrevrangebyscore);
REDSCOPE_HANDLER(cmdZrangebylex);
REDSCOPE_HANDLER(cmdZrevrangebylex);
REDSCOPE_HANDLER(cmdZrank);
REDSCOPE_HANDLER(cmdZrevrank);
REDSCOPE_HANDLER(cmdZpopmin);
REDSCOPE_HANDLER(cmdZpopmax);
REDSCOPE_HANDLER(cmdBzpopmin);
REDSCOPE_HANDLER(cmdBzpopmax);
REDSCOPE_HANDLER(cmdZremrangebyrank);
REDSCOPE_HANDLER(cmdZremrangebyscore);
REDSCOPE_HANDLER(cmdZremrangebylex);
REDSCOPE_HANDLER(cmdZunionstore);
REDSCOPE_HANDLER(cmdZinterstore);
REDSCOPE_HANDLER(cmdZdiffstore);
REDSCOPE_HANDLER(cmdZunion);
REDSCOPE_HANDLER(cmdZinter);
REDSCOPE_HANDLER(cmdZdiff);
REDSCOPE_HANDLER(cmdZrandmember);
REDSCOPE_HANDLER(cmdZscan);

// pubsub_commands.cpp
// -- pub/sub family (issue 3) below this line --
REDSCOPE_HANDLER(cmdSubscribe);
REDSCOPE_HANDLER(cmdUnsubscribe);
REDSCOPE_HANDLER(cmdPsubscribe);
REDSCOPE_HANDLER(cmdPunsubscribe);
REDSCOPE_HANDLER(cmdPublish);
// PUBSUB <subcommand>
REDSCOPE_HANDLER(cmdPubsubChannels);
REDSCOPE_HANDLER(cmdPubsubNumsub);
REDSCOPE_HANDLER(cmdPubsubNumpat);
REDSCOPE_HANDLER(cmdPubsubShardchannels);
REDSCOPE_HANDLER(cmdPubsubShardnumsub);
REDSCOPE_HANDLER(cmdPubsubHelp);

// transaction_commands.cpp
// -- transaction family (issue 3) below this line --
REDSCOPE_HANDLER(cmdMulti);
REDSCOPE_HANDLER(cmdExec);
REDSCOPE_HANDLER(cmdDiscard);
REDSCOPE_HANDLER(cmdWatch);
REDSCOPE_HANDLER(cmdUnwatch);

// info_command.cpp
REDSCOPE_HANDLER(cmdInfo);

// command_introspection.cpp
REDSCOPE_HANDLER(cmdCommand);
REDSCOPE_HANDLER(cmdCommandCount);
REDSCOPE_HANDLER(cmdCommandInfo);
REDSCOPE_HANDLER(cmdCommandDocs);
REDSCOPE_HANDLER(cmdCommandList);
REDSCOPE_HANDLER(cmdCommandGetkeys);
REDSCOPE_HANDLER(cmdCommandGetkeysandflags);
REDSCOPE_HANDLER(cmdCommandHelp);

// config_commands.cpp
// CONFIG <subcommand>
REDSCOPE_HANDLER(cmdConfigGet);
REDSCOPE_HANDLER(cmdConfigSet);
REDSCOPE_HANDLER(cmdConfigResetstat);
REDSCOPE_HANDLER(cmdConfigRewrite);
REDSCOPE_HANDLER(cmdConfigHelp);

// acl_commands.cpp
// ACL <subcommand>
REDSCOPE_HANDLER(cmdAclSetuser);
REDSCOPE_HANDLER(cmdAclGetuser);
REDSCOPE_HANDLER(cmdAclDeluser);
REDSCOPE_HANDLER(cmdAclList);
REDSCOPE_HANDLER(cmdAclUsers);
REDSCOPE_HANDLER(cmdAclCat);
REDSCOPE_HANDLER(cmdAclGenpass);
REDSCOPE_HANDLER(cmdAclLog);
REDSCOPE_HANDLER(cmdAclDryrun);
REDSCOPE_HANDLER(cmdAclSave);
REDSCOPE_HANDLER(cmdAclLoad);
REDSCOPE_HANDLER(cmdAclHelp);
REDSCOPE_HANDLER(cmdAclWhoami);

// slowlog_latency_commands.cpp
// SLOWLOG and LATENCY <subcommand>
REDSCOPE_HANDLER(cmdSlowlogGet);
REDSCOPE_HANDLER(cmdSlowlogLen);
REDSCOPE_HANDLER(cmdSlowlogReset);
REDSCOPE_HANDLER(cmdSlowlogHelp);
REDSCOPE_HANDLER(cmdLatencyLatest);
REDSCOPE_HANDLER(cmdLatencyHistory);
REDSCOPE_HANDLER(cmdLatencyReset);
REDSCOPE_HANDLER(cmdLatencyDoctor);
REDSCOPE_HANDLER(cmdLatencyGraph);
REDSCOPE_HANDLER(cmdLatencyHelp);
REDSCOPE_HANDLER(cmdLatencyHistogram);

// memory_commands.cpp
// MEMORY <subcommand>
REDSCOPE_HANDLER(cmdMemoryUsage);
REDSCOPE_HANDLER(cmdMemoryStats);
REDSCOPE_HANDLER(cmdMemoryDoctor);
REDSCOPE_HANDLER(cmdMemoryMallocStats);
REDSCOPE_HANDLER(cmdMemoryPurge);
REDSCOPE_HANDLER(cmdMemoryHelp);

// debug_commands.cpp
REDSCOPE_HANDLER(cmdDebug);

// lolwut_command.cpp
REDSCOPE_HANDLER(cmdLolwut);

// server_commands.cpp
REDSCOPE_HANDLER(cmdTime);
REDSCOPE_HANDLER(cmdMonitor);
REDSCOPE_HANDLER(cmdShutdown);

// persistence_commands.cpp
// -- persistence family (issue 4) below this line --
REDSCOPE_HANDLER(cmdSave);
REDSCOPE_HANDLER(cmdBgsave);
REDSCOPE_HANDLER(cmdLastsave);
REDSCOPE_HANDLER(cmdBgrewriteaof);

// bitmap_commands.cpp
REDSCOPE_HANDLER(cmdSetbit);
REDSCOPE_HANDLER(cmdGetbit);
REDSCOPE_HANDLER(cmdBitcount);
REDSCOPE_HANDLER(cmdBitpos);
REDSCOPE_HANDLER(cmdBitop);
REDSCOPE_HANDLER(cmdBitfield);
REDSCOPE_HANDLER(cmdBitfieldRo);
// BITFIELD's key access: true when it has no SET or INCRBY (Redis then needs only read).
bool bitfieldOnlyReads(std::span<const std::string_view> argv);
// SORT's key access: true without STORE (it then only reads).
bool sortStoresNothing(std::span<const std::string_view> argv);

// hll_commands.cpp
REDSCOPE_HANDLER(cmdPfadd);
REDSCOPE_HANDLER(cmdPfcount);
REDSCOPE_HANDLER(cmdPfmerge);
REDSCOPE_HANDLER(cmdPfdebug);
REDSCOPE_HANDLER(cmdPfselftest);

// geo_commands.cpp
REDSCOPE_HANDLER(cmdGeoadd);
REDSCOPE_HANDLER(cmdGeodist);
REDSCOPE_HANDLER(cmdGeohash);
REDSCOPE_HANDLER(cmdGeopos);
REDSCOPE_HANDLER(cmdGeosearch);
REDSCOPE_HANDLER(cmdGeosearchstore);
REDSCOPE_HANDLER(cmdGeoradius);
REDSCOPE_HANDLER(cmdGeoradiusRo);
REDSCOPE_HANDLER(cmdGeoradiusbymember);
REDSCOPE_HANDLER(cmdGeoradiusbymemberRo);

// issue 21 additions to list_commands.cpp, zset_commands.cpp and string_commands.cpp
REDSCOPE_HANDLER(cmdLmpop);
REDSCOPE_HANDLER(cmdBlmpop);
REDSCOPE_HANDLER(cmdZmpop);
REDSCOPE_HANDLER(cmdBzmpop);
REDSCOPE_HANDLER(cmdZintercard);
REDSCOPE_HANDLER(cmdLcs);

// stream_commands.cpp
REDSCOPE_HANDLER(cmdXadd);
REDSCOPE_HANDLER(cmdXrange);
REDSCOPE_HANDLER(cmdXrevrange);
REDSCOPE_HANDLER(cmdXlen);
REDSCOPE_HANDLER(cmdXdel);
REDSCOPE_HANDLER(cmdXtrim);
REDSCOPE_HANDLER(cmdXsetid);
REDSCOPE_HANDLER(cmdXack);
REDSCOPE_HANDLER(cmdXpending);
REDSCOPE_HANDLER(cmdXclaim);
REDSCOPE_HANDLER(cmdXautoclaim);
REDSCOPE_HANDLER(cmdXread);
REDSCOPE_HANDLER(cmdXreadgroup);
// XGROUP and XINFO <subcommand>
REDSCOPE_HANDLER(cmdXgroupGeneric);
REDSCOPE_HANDLER(cmdXgroupHelp);
REDSCOPE_HANDLER(cmdXinfoStream);
REDSCOPE_HANDLER(cmdXinfoGroups);
REDSCOPE_HANDLER(cmdXinfoConsumers);
REDSCOPE_HANDLER(cmdXinfoHelp);

// scripting_commands.cpp
REDSCOPE_HANDLER(cmdEval);
REDSCOPE_HANDLER(cmdEvalsha);
REDSCOPE_HANDLER(cmdEvalRo);
REDSCOPE_HANDLER(cmdEvalshaRo);
REDSCOPE_HANDLER(cmdFcall);
REDSCOPE_HANDLER(cmdFcallRo);
// SCRIPT <subcommand>
REDSCOPE_HANDLER(cmdScriptLoad);
REDSCOPE_HANDLER(cmdScriptExists);
REDSCOPE_HANDLER(cmdScriptFlush);
REDSCOPE_HANDLER(cmdScriptKill);
REDSCOPE_HANDLER(cmdScriptDebug);
REDSCOPE_HANDLER(cmdScriptHelp);
// FUNCTION <subcommand>
REDSCOPE_HANDLER(cmdFunctionLoad);
REDSCOPE_HANDLER(cmdFunctionDelete);
REDSCOPE_HANDLER(cmdFunctionFlush);
REDSCOPE_HANDLER(cmdFunctionList);
REDSCOPE_HANDLER(cmdFunctionDump);
REDSCOPE_HANDLER(cmdFunctionRestore);
REDSCOPE_HANDLER(cmdFunctionKill);
REDSCOPE_HANDLER(cmdFunctionStats);
REDSCOPE_HANDLER(cmdFunctionHelp);

// replication/replication_commands.cpp
REDSCOPE_HANDLER(cmdReplicaof);
REDSCOPE_HANDLER(cmdRole);
REDSCOPE_HANDLER(cmdSync);
REDSCOPE_HANDLER(cmdPsync);
REDSCOPE_HANDLER(cmdReplconf);
REDSCOPE_HANDLER(cmdWait);
REDSCOPE_HANDLER(cmdFailover);

#undef REDSCOPE_HANDLER

} // namespace redscope::engine
