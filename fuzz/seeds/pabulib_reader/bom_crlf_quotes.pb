meta
key;value
budget;1000,5
vote_type;approval
PROJECTS
project_id;cost;name
1;500;"Park; north"
2;600,25;none

Votes
voter_id;vote;age
v1;1,2;30
v2;;none
