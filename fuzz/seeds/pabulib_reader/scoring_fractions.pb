META
key;value
budget;39604913/25
vote_type;scoring
PROJECTS
project_id;cost;name
a;1e3;"multi
line ""name"""
b;-0;x
VOTES
voter_id;vote;points;sex
1;a,b;-1/3,2.5;F
2;b;1E1;none
